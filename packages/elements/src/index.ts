// @pass-check/elements: importing this registers nothing; import './define' to register the tags.
export const ELEMENTS_PLACEHOLDER = true;
