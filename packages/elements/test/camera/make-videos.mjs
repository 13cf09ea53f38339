// Fake-camera fixtures, made fresh for every run: an issuer from the test kit,
// its trust bundle, and one .y4m video per scenario (valid, tampered, a card
// in three chunks). Nothing here comes from outside the project.
import fs from 'node:fs';
import path from 'node:path';
import { createDivocIssuer, createShcIssuer, createVdsncCsca, divocQrBytes } from '@pass-check/verifier-core/testing';
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
  // An ICAO seal from a test CSCA's barcode signer, and a DIVOC certificate as the ZIP bytes its QR holds.
  const csca = await createVdsncCsca();
  const seal = await (await csca.createSigner()).issue({ name: 'SEALED  CAMERA TESTER', birthDate: '1975-06-07' });
  const divocIssuer = await createDivocIssuer();
  const divocZip = await divocQrBytes(await divocIssuer.issue({ name: 'Divoc Camera Tester', birthDate: '1982-08-09' }));
  fs.writeFileSync(path.join(dir, 'trust.json'), JSON.stringify({
    version: 1, updated: new Date().toISOString(), shc: [issuer.trustEntry()], vdsnc: [csca.bundleEntry([await csca.crl()])], divoc: [divocIssuer.bundleEntry()],
  }));

  const frame = async (text) => qrLuma(await encodeQr(text, { ecLevel: 'L' }), { ...VIDEO, scale: 6 });
  const videos = {
    valid: path.join(dir, 'valid.y4m'),
    tampered: path.join(dir, 'tampered.y4m'),
    chunked: path.join(dir, 'chunked.y4m'),
    vdsnc: path.join(dir, 'vdsnc.y4m'),
    divoc: path.join(dir, 'divoc.y4m'),
  };
  // The code in every frame: the camera loops the file, so a short clip is enough.
  writeY4m(videos.valid, { ...VIDEO, frames: Array(6).fill(await frame(valid.numeric)) });
  writeY4m(videos.tampered, { ...VIDEO, frames: Array(6).fill(await frame(tampered.numeric)) });
  // A seal is about 1.5 KB of JSON and a DIVOC archive about 1 KB of binary: denser codes, so modules as large as fit.
  const denseFrame = async (content) => {
    const matrix = await encodeQr(content, { ecLevel: 'L' });
    return qrLuma(matrix, { ...VIDEO, scale: Math.min(6, Math.floor(VIDEO.height / (matrix.size + 8))) });
  };
  writeY4m(videos.vdsnc, { ...VIDEO, frames: Array(6).fill(await denseFrame(seal)) });
  writeY4m(videos.divoc, { ...VIDEO, frames: Array(6).fill(await denseFrame(divocZip)) });
  // Three codes one after another, a third of a second each: a person flipping through the chunks.
  const chunkFrames = await Promise.all(chunked.chunks(3).map(frame));
  writeY4m(videos.chunked, { ...VIDEO, frames: chunkFrames.flatMap((luma) => Array(10).fill(luma)) });

  const expected = {
    valid: { name: 'Camera Tester', birthDate: '1980-05-17' },
    chunked: { name: 'Chunky Card', birthDate: '1990-02-03' },
    vdsnc: { name: 'SEALED CAMERA TESTER', birthDate: '1975-06-07' },
    divoc: { name: 'Divoc Camera Tester', birthDate: '1982-08-09' },
  };
  fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected));
  return { videos, expected };
}
