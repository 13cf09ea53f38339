// Fake-camera fixtures, made fresh for every run: an issuer from the test kit,
// its trust bundle, and one .y4m video per scenario (valid, tampered, a card
// in three chunks). Nothing here comes from outside the project.
import fs from 'node:fs';
import path from 'node:path';
import { createShcIssuer } from '@pass-check/verifier-core/testing';
import { encodeQr } from '@pass-check/wasm-qr';
import { writeY4m, qrLuma } from './y4m.mjs';

export const VIDEO = { width: 1280, height: 720, fps: 30 };

/** Writes the fixtures into `dir`; returns the video paths and what each shows. */
export async function makeCameraFixtures(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const issuer = await createShcIssuer({ name: 'Camera Test Issuer' });
  const patient = { given: ['Camera'], family: 'Tester', birthDate: '1980-05-17' };
  const valid = await issuer.issue({ patient });
  const tampered = await issuer.issue({ patient, tamper: true });
  const chunked = await issuer.issue({ patient: { given: ['Chunky'], family: 'Card', birthDate: '1990-02-03' } });
  fs.writeFileSync(path.join(dir, 'trust.json'), JSON.stringify({ version: 1, updated: new Date().toISOString(), shc: [issuer.trustEntry()] }));

  const frame = async (text) => qrLuma(await encodeQr(text, { ecLevel: 'L' }), { ...VIDEO, scale: 6 });
  const videos = {
    valid: path.join(dir, 'valid.y4m'),
    tampered: path.join(dir, 'tampered.y4m'),
    chunked: path.join(dir, 'chunked.y4m'),
  };
  // The code in every frame: the camera loops the file, so a short clip is enough.
  writeY4m(videos.valid, { ...VIDEO, frames: Array(6).fill(await frame(valid.numeric)) });
  writeY4m(videos.tampered, { ...VIDEO, frames: Array(6).fill(await frame(tampered.numeric)) });
  // Three codes one after another, a third of a second each: a person flipping through the chunks.
  const chunkFrames = await Promise.all(chunked.chunks(3).map(frame));
  writeY4m(videos.chunked, { ...VIDEO, frames: chunkFrames.flatMap((luma) => Array(10).fill(luma)) });

  const expected = {
    valid: { name: 'Camera Tester', birthDate: '1980-05-17' },
    chunked: { name: 'Chunky Card', birthDate: '1990-02-03' },
  };
  fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected));
  return { videos, expected };
}
