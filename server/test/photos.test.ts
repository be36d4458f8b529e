import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { cleanPhoto, PHOTO_MAX_PIXELS, PHOTO_STORED_MAX_BYTES, PHOTO_STORED_MAX_SIDE, PhotoRefusedError } from '../photos/clean-photo.js';
import { withPhotoSlot } from '../photos/photo-slots.js';
import { sniffPhoto } from '../photos/sniff.js';
import { PLANTED, contains, jpegSegment, pngChunk, spliceIntoJpeg, spliceIntoPng, twoColourJpeg, twoColourPng } from './photo-fixtures.js';
import { GPS_MARKER, PNG_TEXT_MARKER, jpegWithExif, pngWithText } from './report-helpers.js';

/** Asserts cleanPhoto refuses the bytes for the given reason. */
async function assertRefused(bytes: Buffer, reason: PhotoRefusedError['reason']): Promise<void> {
  await assert.rejects(cleanPhoto(bytes), (error) => error instanceof PhotoRefusedError && error.reason === reason);
}

/** The RGB of one pixel. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}

const isRed = ([r, g, b]: number[]) => r! > 180 && g! < 70 && b! < 70;
const isBlue = ([r, g, b]: number[]) => b! > 180 && r! < 70 && g! < 70;

test('photos are recognised by their first bytes, not by a name or declared type', () => {
  assert.equal(sniffPhoto(jpegWithExif()), 'image/jpeg');
  assert.equal(sniffPhoto(pngWithText()), 'image/png');
  assert.equal(sniffPhoto(Buffer.from('GIF89a......')), undefined);
  assert.equal(sniffPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
  assert.equal(sniffPhoto(Buffer.from([0xff, 0xd8])), undefined, 'too short to be a JPEG');
});

test('a JPEG stays a JPEG and a PNG a PNG, with the same pixels size and colours', async () => {
  const jpeg = await cleanPhoto(await twoColourJpeg(40, 20));
  assert.equal(jpeg.mime, 'image/jpeg');
  const png = await cleanPhoto(await twoColourPng(40, 20));
  assert.equal(png.mime, 'image/png');
  for (const photo of [jpeg, png]) {
    const { format, width, height } = await sharp(photo.bytes).metadata();
    assert.deepEqual([format, width, height], [photo.mime.slice(6), 40, 20]);
    assert.ok(isRed(await pixel(photo.bytes, 5, 10)) && isBlue(await pixel(photo.bytes, 35, 10)));
  }
});

test('EXIF orientation 6 is applied to the pixels: a portrait photo comes out upright, width and height swapped', async () => {
  // Stored sideways as 40×20 (red left, blue right), to be turned 90° clockwise for display.
  const sideways = await twoColourJpeg(40, 20, 6);
  assert.equal((await sharp(sideways).metadata()).orientation, 6);
  const { bytes } = await cleanPhoto(sideways);
  const { width, height, orientation } = await sharp(bytes).metadata();
  assert.deepEqual([width, height], [20, 40]);
  assert.equal(orientation, undefined, 'no EXIF left to turn it a second time');
  assert.ok(isRed(await pixel(bytes, 10, 5)), 'the left edge is now the top');
  assert.ok(isBlue(await pixel(bytes, 10, 35)));
});

test('text planted in any JPEG segment, or after its end, is gone from the cleaned photo', async () => {
  const jpeg = await twoColourJpeg(40, 20);
  // A real ICC profile (sharp's Display P3) with the text appended inside its APP2 segment.
  const p3 = await sharp(jpeg).withIccProfile('p3').jpeg().toBuffer();
  const icc = p3.indexOf(Buffer.from('ICC_PROFILE\0', 'latin1'));
  const iccEnd = icc - 2 + p3.readUInt16BE(icc - 2);
  const planted: Record<string, Buffer> = {
    'APP0 JFXX extension': spliceIntoJpeg(jpeg, jpegSegment(0xe0, `JFXX\0\x10${PLANTED}`)),
    'APP0 JFIF with extra data': spliceIntoJpeg(jpeg, jpegSegment(0xe0, `JFIF\0\x01\x01\0\0\x01\0\x01\0\0${PLANTED}`)),
    'APP1 EXIF': spliceIntoJpeg(jpeg, jpegSegment(0xe1, `Exif\0\0MM\0*\0\0\0\x08${PLANTED}`)),
    'APP1 XMP': spliceIntoJpeg(jpeg, jpegSegment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${PLANTED}</x:xmpmeta>`)),
    'APP2 ICC_PROFILE, not a profile': spliceIntoJpeg(jpeg, jpegSegment(0xe2, `ICC_PROFILE\0\x01\x01${PLANTED}`)),
    'APP2 ICC_PROFILE, a real profile plus text': Buffer.concat([
      p3.subarray(0, icc - 4),
      jpegSegment(0xe2, Buffer.concat([p3.subarray(icc, iccEnd), Buffer.from(PLANTED)])),
      p3.subarray(iccEnd),
    ]),
    'APP13 Photoshop IPTC': spliceIntoJpeg(jpeg, jpegSegment(0xed, `Photoshop 3.0\0${PLANTED}`)),
    'APP14 Adobe': spliceIntoJpeg(jpeg, jpegSegment(0xee, `Adobe\0\x64\0\0\0\0\x01${PLANTED}`)),
    'APP15': spliceIntoJpeg(jpeg, jpegSegment(0xef, PLANTED)),
    'COM comment': spliceIntoJpeg(jpeg, jpegSegment(0xfe, PLANTED)),
    'data after EOI': Buffer.concat([jpeg, Buffer.from(PLANTED)]),
  };
  for (const [where, input] of Object.entries(planted)) {
    assert.ok(contains(input, PLANTED), where);
    const clean = await cleanPhoto(input);
    assert.equal(clean.mime, 'image/jpeg', where);
    assert.ok(!contains(clean.bytes, PLANTED) && !contains(clean.bytes, 'Kowalski'), `planted text left in ${where}`);
    assert.deepEqual([(await sharp(clean.bytes).metadata()).width], [40], `${where}: still the picture`);
  }
  const exif = await cleanPhoto(jpegWithExif());
  for (const text of [GPS_MARKER, 'Exif', 'Jan Kowalski', 'taken at home', 'ICC_PROFILE']) assert.ok(!contains(exif.bytes, text), text);
});

test('a JPEG with the 0xF7 extension marker does not decode and is refused, so its text is never stored', async () => {
  const jpeg = await twoColourJpeg(40, 20);
  await assertRefused(spliceIntoJpeg(jpeg, jpegSegment(0xf7, PLANTED)), 'unreadable');
});

test('text planted in PNG private, C2PA, pre-standard EXIF and text chunks, or after IEND, is gone', async () => {
  const png = await twoColourPng(40, 20);
  const planted: Record<string, Buffer> = {
    'private gpSx': spliceIntoPng(png, pngChunk('gpSx', PLANTED)),
    'C2PA caBX': spliceIntoPng(png, pngChunk('caBX', `jumb${PLANTED}`)),
    'pre-standard exIf': spliceIntoPng(png, pngChunk('exIf', `MM\0*\0\0\0\x08${PLANTED}`)),
    'eXIf': spliceIntoPng(png, pngChunk('eXIf', `MM\0*\0\0\0\x08${PLANTED}`)),
    'tEXt': spliceIntoPng(png, pngChunk('tEXt', `Author\0${PLANTED}`)),
    'iTXt': spliceIntoPng(png, pngChunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0${PLANTED}`)),
    'data after IEND': Buffer.concat([png, Buffer.from(PLANTED)]),
  };
  for (const [where, input] of Object.entries(planted)) {
    assert.ok(contains(input, PLANTED), where);
    const clean = await cleanPhoto(input);
    assert.equal(clean.mime, 'image/png', where);
    assert.ok(!contains(clean.bytes, PLANTED), `planted text left in ${where}`);
  }
  const text = await cleanPhoto(pngWithText());
  for (const chunk of [PNG_TEXT_MARKER, 'tEXt', 'tIME']) assert.ok(!contains(text.bytes, chunk), chunk);
});

test('what is not a JPEG or PNG, does not decode, or has too many pixels is refused with its reason', async () => {
  await assertRefused(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'type');
  await assertRefused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'type');
  await assertRefused(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'unreadable');
  const jpeg = await twoColourJpeg(40, 20);
  await assertRefused(jpeg.subarray(0, jpeg.length - 60), 'unreadable');
  const png = await twoColourPng(40, 20);
  await assertRefused(png.subarray(0, png.length - 30), 'unreadable');
  // A decompression bomb: a few hundred bytes whose header claims 10,000 × 10,000 pixels.
  const huge = Buffer.from(png);
  huge.writeUInt32BE(10_000, 16);
  huge.writeUInt32BE(10_000, 20);
  const bomb = Buffer.concat([huge.subarray(0, 8), pngChunk('IHDR', huge.subarray(16, 29)), huge.subarray(33)]);
  assert.ok(10_000 * 10_000 > PHOTO_MAX_PIXELS);
  await assertRefused(bomb, 'pixels');
});

test('padding is not stored: 1 MB of filler segments leave a photo of a few hundred bytes', async () => {
  const padded = jpegWithExif(1024 * 1024);
  assert.ok(padded.length > 1024 * 1024);
  const { bytes } = await cleanPhoto(padded);
  assert.ok(bytes.length < 2048, `${bytes.length} bytes stored`);
});

test('photos are decoded at most two at once; the others wait their turn, in order', async () => {
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const tasks = [0, 1, 2, 3, 4].map((n) =>
    withPhotoSlot(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(n);
      running--;
      return n;
    }),
  );
  assert.deepEqual(await Promise.all(tasks), [0, 1, 2, 3, 4]);
  assert.ok(most <= 2, `${most} at once`);
  assert.deepEqual(order, [0, 1, 2, 3, 4]);
});

test('a large photo is stored at most 2560 px on its longest side, turned upright first, in its own format', async () => {
  // A 12 MP phone photo stored sideways (4032×3024, red left, blue right), EXIF orientation 6.
  const sideways = await twoColourJpeg(4032, 3024, 6);
  const jpeg = await cleanPhoto(sideways);
  const upright = await sharp(jpeg.bytes).metadata();
  assert.deepEqual([upright.format, upright.width, upright.height], ['jpeg', 1920, PHOTO_STORED_MAX_SIDE]);
  assert.equal(upright.orientation, undefined);
  assert.ok(isRed(await pixel(jpeg.bytes, 960, 100)), 'the left edge is now the top');
  assert.ok(isBlue(await pixel(jpeg.bytes, 960, 2460)));
  const wide = await cleanPhoto(await twoColourPng(5000, 1000));
  const { format, width, height } = await sharp(wide.bytes).metadata();
  assert.deepEqual([format, width, height], ['png', PHOTO_STORED_MAX_SIDE, 512]);
  assert.ok(isRed(await pixel(wide.bytes, 100, 256)) && isBlue(await pixel(wide.bytes, 2460, 256)));
});

test('a photo whose pixels do not compress is stored within 1 MiB, with fewer pixels in the same proportions', async () => {
  // Noise is the worst case for JPEG: 2720×2040 of it is ~5 MB at quality 95, ~2.3 MB at 82.
  const noise = await sharp({ create: { width: 2720, height: 2040, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
  assert.ok(noise.length > 4 * 1024 * 1024);
  const { mime, bytes } = await cleanPhoto(noise);
  assert.equal(mime, 'image/jpeg');
  assert.ok(bytes.length <= PHOTO_STORED_MAX_BYTES, `${bytes.length} bytes stored`);
  const { width, height } = await sharp(bytes).metadata();
  assert.ok(width < 2720 && width > 1000, `${width} px wide`);
  assert.ok(Math.abs(width / height - 4 / 3) < 0.01, `${width}×${height}`);
});
