# Renders ~1 MP (1200x830) test pictures with Noto Sans CJK (Debian fonts-noto-cjk, dpkg -x'd).
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import random, json
W, H = 1200, 830
TTC = 'deb/root/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
SC, TC = 2, 3   # face indices in the .ttc
def font(idx, size): return ImageFont.truetype(TTC, size, index=idx)
def luma(c): return 0.299*c[0] + 0.587*c[1] + 0.114*c[2]
def draw_lines(img, lines, fg):
    d = ImageDraw.Draw(img)
    y = 200
    for text, face, size in lines:
        f = font(face, size)
        w = d.textlength(text, font=f)
        d.text(((W - w) / 2, y), text, font=f, fill=fg)
        y += int(size * 1.8)
    return img
def photo_bg(seed=1):
    # colourful gradient + random blobs + noise, like a meme/photo background
    random.seed(seed)
    img = Image.new('RGB', (W, H))
    px = img.load()
    for y in range(H):
        for x in range(W):
            px[x, y] = (200 + 55 * x // W, 170 + 60 * y // H, 140 + 80 * (x + y) // (W + H))
    d = ImageDraw.Draw(img)
    for _ in range(40):
        x, y, r = random.randrange(W), random.randrange(H), random.randrange(20, 120)
        c = tuple(random.randrange(150, 256) for _ in range(3))
        d.ellipse([x - r, y - r, x + r, y + r], fill=c)
    img = img.filter(ImageFilter.GaussianBlur(6))
    noise = Image.effect_noise((W, H), 25).convert('RGB')
    return Image.blend(img, noise, 0.12)
spec = {
  'sim':   ([('六四 天安门 民主', SC, 96), ('五月三十五日 坦克人', SC, 72)], None),
  'tra':   ([('天安門 自由', TC, 96), ('平反六四 民主萬歲', TC, 72)], None),
  'eng':   ([('Tiananmen June 4', SC, 96), ('Free Hong Kong 1989', SC, 72)], None),
  'mixed': ([('六四 Tiananmen', SC, 96), ('June 4 1989 天安门', SC, 72)], None),
  'photo': ([('六四 天安门 民主', SC, 96), ('五月三十五日 坦克人', SC, 72)], 'photo'),
  'small': ([('六四 天安门 民主 五月三十五日 坦克人', SC, 40), ('天安門 自由 Tiananmen June 4 1989', TC, 40)], None),
  'camo':  ([('六四 天安门 民主', SC, 96), ('五月三十五日 坦克人', SC, 72)], 'camo'),
}
truth = {}
for name, (lines, kind) in spec.items():
    fg = (0, 0, 0)
    if kind == 'photo':
        img = photo_bg(); fg = (20, 20, 60)
    elif kind == 'camo':
        fg = (220, 40, 40)                      # red text
        g = round(luma(fg))                      # grey of equal Rec.601 luma
        img = Image.new('RGB', (W, H), (g, g, g)); print('camo fg', fg, 'luma', luma(fg), 'bg', (g, g, g))
    else:
        img = Image.new('RGB', (W, H), (255, 255, 255))
    draw_lines(img, lines, fg)
    img.save('img/%s.png' % name)
    truth[name] = [l[0] for l in lines]
json.dump(truth, open('img/truth.json', 'w'), ensure_ascii=False, indent=1)
# greyscale check of the camouflaged picture (Rec.601 luma, as the app would do)
import numpy as np
a = np.asarray(Image.open('img/camo.png').convert('RGB')).astype(float)
y = 0.299*a[..., 0] + 0.587*a[..., 1] + 0.114*a[..., 2]
print('camo luma min/max after greyscale: %.2f %.2f' % (y.min(), y.max()))
Image.fromarray(np.round(y).astype('uint8')).save('img/camo_grey_preview.png')
