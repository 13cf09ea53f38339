// Test kit for this format: filled in by its issue.
export {};
