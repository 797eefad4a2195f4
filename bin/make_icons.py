"""Draw the site's icons (favicon, touch and app icons) from the masthead's mark: 京蒙 in a ring on red.

    .venv/bin/python bin/make_icons.py

Writes static/icons/. Needs Pillow and the Noto Serif CJK font (Debian: fonts-noto-cjk); the
PNG and ICO files are committed, so the site itself needs neither.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
RED = (163, 20, 27)
GOLD = (181, 134, 42)
WHITE = (255, 255, 255)
SIZE = 1024


def master():
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=SIZE // 6, fill=RED)
    draw.rectangle((0, SIZE - SIZE // 14, SIZE, SIZE), fill=GOLD)
    inset = SIZE // 10
    draw.ellipse((inset, inset - SIZE // 40, SIZE - inset, SIZE - inset - SIZE // 40), outline=WHITE, width=SIZE // 28)
    font = ImageFont.truetype(FONT, SIZE * 30 // 100, index=0)
    box = draw.textbbox((0, 0), "京蒙", font=font)
    width, height = box[2] - box[0], box[3] - box[1]
    draw.text(((SIZE - width) / 2 - box[0], (SIZE - height) / 2 - box[1] - SIZE // 40), "京蒙", font=font, fill=WHITE)
    return image


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    image = master()
    for name, size in (("icon-512.png", 512), ("icon-192.png", 192), ("apple-touch-icon.png", 180),
                       ("favicon-32.png", 32)):
        resized = image.resize((size, size), Image.LANCZOS)
        if name == "apple-touch-icon.png":
            # iOS draws its own rounded corners over an opaque square.
            flat = Image.new("RGB", (size, size), RED)
            flat.paste(resized, mask=resized)
            resized = flat
        resized.save(OUT / name, optimize=True)
    image.resize((64, 64), Image.LANCZOS).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])


if __name__ == "__main__":
    main()
