// Where frames come from: the camera, or (for Storybook, demos and tests
// without a camera) any picture that is drawn again and again.
import type { FrameImage } from '../decoders/engine.js';

/** Hands a frame to the scan loop; returns undefined when the frame is gone. */
export type FrameTaker = () => Promise<FrameImage | undefined>;

export interface FrameSource {
  /** Starts calling `offer` for each new frame, until `stop()`. Frames not taken cost nothing. */
  start(offer: (take: FrameTaker) => void): Promise<void>;
  stop(): void;
}

/**
 * A source that offers the pictures `draw` returns, `fps` times a second.
 * `draw` may change what it returns over time (one chunk, then the next).
 */
export function pictureFrameSource(draw: () => FrameImage | HTMLCanvasElement | OffscreenCanvas, fps = 15): FrameSource {
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    async start(offer) {
      clearInterval(timer);
      timer = setInterval(() => {
        offer(async () => {
          const picture = draw();
          return picture instanceof ImageData ? new ImageData(new Uint8ClampedArray(picture.data), picture.width, picture.height) : createImageBitmap(picture);
        });
      }, 1000 / fps);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
