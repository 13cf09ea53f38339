// Every story gets the registered elements and the element API from the
// Custom Elements Manifest (controls, events, parts, custom properties).
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../.generated/custom-elements.json';
import '@pass-check/elements/define';

setCustomElementsManifest(manifest);

/** @type {import('@storybook/web-components-vite').Preview} */
const preview = {
  tags: ['autodocs'],
  // The elements' events show up in the Actions panel as they are fired.
  decorators: [withActions],
  parameters: {
    actions: { handles: ['pass-result', 'pass-error'] },
    controls: { expanded: true },
    layout: 'padded',
  },
};
export default preview;
