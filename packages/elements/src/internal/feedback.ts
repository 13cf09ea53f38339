// Optional sound and vibration on a verdict, for staff who look at the person, not the screen.
let audio: AudioContext | undefined;

/** A short high tone for accepted, two low tones for rejected. */
export function beep(accepted: boolean): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    const tones = accepted ? [[880, 0, 0.15]] : [[220, 0, 0.15], [220, 0.22, 0.15]];
    for (const [frequency, offset, length] of tones as [number, number, number][]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + length);
    }
  } catch {
    // No audio output (or autoplay blocked): the screen still shows the verdict.
  }
}

export function buzz(accepted: boolean): void {
  navigator.vibrate?.(accepted ? 120 : [200, 100, 200]);
}
