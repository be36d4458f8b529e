import { expect } from '@open-wc/testing';
import { ApiPath } from '../../../../common/api.js';
import { ADMIN, CONSOLE_POINT } from '../console.fixtures.js';
import { inside, loggedInAs, openScreen, until } from '../console-test-helpers.js';
import type { ConsoleReport } from './console-report.component.js';

/**
 * The report page's photos at full size on demand, the right way up: a citizen's photo sent
 * through the public API (multipart, as the report form sends it) is opened from its thumbnail
 * in a modal dialog. The photo is a landscape JPEG whose EXIF says "turn 90° clockwise", as a
 * phone held upright writes it: the dialog must show it as a portrait, red half on top.
 */

/** Stored width and height of the test photo (before its EXIF turn). */
const STORED = { width: 40, height: 20 } as const;

/**
 * An EXIF APP1 segment holding only Orientation = 6 (the stored pixels are to be turned 90°
 * clockwise): "Exif\0\0", a big-endian TIFF header and one IFD entry (tag 0x0112, SHORT, 1, 6).
 */
const EXIF_TURN_CLOCKWISE = new Uint8Array([
  0xff, 0xe1, 0x00, 0x22, // APP1, length 34 (with these two bytes)
  0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
  0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, first IFD at 8
  0x00, 0x01, // one entry
  0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation, SHORT, 1, 6
  0x00, 0x00, 0x00, 0x00, // no next IFD
]);

/**
 * A real JPEG drawn on a canvas, stored landscape with its left half red and right half blue,
 * and the EXIF turn inserted after the start-of-image marker. Shown upright it is a portrait
 * with the red half on top.
 */
async function sidewaysJpeg(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = STORED.width;
  canvas.height = STORED.height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ff0000';
  g.fillRect(0, 0, STORED.width / 2, STORED.height);
  g.fillStyle = '#0000ff';
  g.fillRect(STORED.width / 2, 0, STORED.width / 2, STORED.height);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.95));
  const jpeg = new Uint8Array(await blob.arrayBuffer());
  const withExif = new Uint8Array(jpeg.length + EXIF_TURN_CLOCKWISE.length);
  withExif.set(jpeg.subarray(0, 2)); // FF D8
  withExif.set(EXIF_TURN_CLOCKWISE, 2);
  withExif.set(jpeg.subarray(2), 2 + EXIF_TURN_CLOCKWISE.length);
  return new File([withExif], 'upright.jpg', { type: 'image/jpeg' });
}

/** A citizen's report with `photo`, sent through the public API as multipart; its id. */
async function reportWithPhoto(photo: File): Promise<string> {
  const form = new FormData();
  form.append('report', JSON.stringify({ category: 'vandalism', lon: CONSOLE_POINT.lon + 0.004, lat: CONSOLE_POINT.lat - 0.003 }));
  form.append('photo', photo, photo.name);
  const device = `wtr-photo-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}-device`;
  const response = await fetch(ApiPath.reports, { method: 'POST', headers: { 'KMZB-Device': device }, body: form });
  if (response.status !== 201) throw new Error(`report not sent: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The colour of the pixel at (x, y) of a loaded image, as drawn in its natural size. */
function pixel(img: HTMLImageElement, x: number, y: number): [number, number, number] {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const g = canvas.getContext('2d')!;
  g.drawImage(img, 0, 0);
  const [r, gr, b] = g.getImageData(x, y, 1, 1).data;
  return [r!, gr!, b!];
}

describe('<console-report> photos', () => {
  afterEach(() => {
    location.hash = '';
  });

  it('opens a photo at full size on demand, the right way up, in an accessible dialog', async () => {
    const el = await loggedInAs(ADMIN);
    const id = await reportWithPhoto(await sidewaysJpeg());
    const page = await openScreen<ConsoleReport>(el, `#report/${id}`, 'console-report');
    await until(() => page.shadowRoot!.querySelector('button.photo-open'), 'no photo on the report page');

    const dialog = inside<HTMLDialogElement>(page, 'dialog.photo');
    expect(dialog.open, 'the dialog open before asked').to.equal(false);
    const thumb = inside<HTMLButtonElement>(page, 'button.photo-open');
    expect(thumb.getAttribute('aria-label')).to.match(/1/);
    thumb.click();
    await until(() => dialog.open, 'the photo dialog did not open');
    await until(() => {
      const img = dialog.querySelector('img');
      return img?.complete && img.naturalWidth > 0;
    }, 'the full-size photo never loaded');
    const img = dialog.querySelector('img')!;

    // Full size: the photo's own pixels, turned upright (a portrait stays a portrait).
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([STORED.height, STORED.width]);
    const shown = img.getBoundingClientRect();
    expect(shown.height, 'shown as a portrait').to.be.greaterThan(shown.width);
    // The right way up, not upside down: the red half on top, the blue one below.
    const [topR, , topB] = pixel(img, STORED.height / 2, STORED.width / 4);
    const [bottomR, , bottomB] = pixel(img, STORED.height / 2, (STORED.width * 3) / 4);
    expect(topR, 'red on top').to.be.greaterThan(200);
    expect(topB, 'red on top').to.be.lessThan(80);
    expect(bottomB, 'blue below').to.be.greaterThan(200);
    expect(bottomR, 'blue below').to.be.lessThan(80);
    expect(img.getAttribute('alt')).to.contain(id);
    await expect(el).to.be.accessible();

    // Closing it with its button leaves the page as it was.
    inside<HTMLButtonElement>(page, 'dialog.photo .buttons button').click();
    await until(() => !dialog.open, 'the photo dialog did not close');
    // The close event comes a task later: then the full-size photo is dropped.
    await until(() => dialog.querySelector('img') === null, 'the full-size photo kept after closing');
  });
});
