"""Checks on uploaded photos and the renditions the site serves."""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
RENDITIONS = {"thumbnail": (480, 360), "display": (1600, 1200)}


def validate_photo(file):
    """Refuse anything but a sound JPEG, PNG or WebP within the size and pixel caps."""
    if file.size is not None and file.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("图片不能超过 %(mb)d MB。") % {"mb": settings.PHOTO_MAX_BYTES // (1024 * 1024)}
        )
    if not file.size:
        raise ValidationError(_("文件是空的。"))
    # A stored photo whose size Django has just read for width_field/height_field is closed again
    # by then (editing a caption re-validates it): read it from storage, and close it after.
    reopened = getattr(file, "closed", False) and isinstance(file, FieldFile)
    if reopened:
        file.open("rb")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("只接受 JPEG、PNG 或 WebP 图片。"))
            width, height = image.size
            if width * height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(
                    _("图片像素过多（%(w)d×%(h)d），请缩小后再上传。") % {"w": width, "h": height}
                )
            image.load()  # decodes fully: a truncated file fails here, not on a page later
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("无法读取这个图片文件：它不是完整的 JPEG、PNG 或 WebP 图片。")) from exc
    finally:
        if reopened:
            file.close()
        else:
            file.seek(position)


SAVE_OPTIONS = {"JPEG": {"quality": 92, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def cleaned_original(field_file):
    """The upload decoded and encoded again, as a file to store in its place.

    A phone's photo carries its GPS position, the camera and often the owner's name in EXIF and
    XMP; a file can also be an image and an HTML page at once (bytes after the image's end).
    Only the pixels survive: turned the way the camera meant (the orientation tag is applied,
    then dropped), with the colour profile kept so that colours do not shift.
    """
    field_file.seek(0)
    with Image.open(field_file) as original:
        image_format = original.format
        icc_profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
        if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image = image.copy()
        image.info = {}  # Pillow writes a comment, XMP or EXIF found here back into the new file
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    field_file.seek(0)
    return ContentFile(buffer.getvalue(), name=Path(field_file.name).stem + EXTENSIONS[image_format])


def make_renditions(field_file):
    """Return (thumbnail, display) files, scaled once from the original."""
    field_file.seek(0)
    with Image.open(field_file) as original:
        original.load()
        image = original.convert("RGB") if original.mode not in ("RGB", "L") else original.copy()
    stem = Path(field_file.name).stem
    made = []
    for name, size in RENDITIONS.items():
        copy = image.copy()
        copy.thumbnail(size)
        buffer = BytesIO()
        copy.save(buffer, format="WEBP", quality=82)
        made.append(ContentFile(buffer.getvalue(), name=f"{stem}-{name}.webp"))
    field_file.seek(0)
    return tuple(made)
