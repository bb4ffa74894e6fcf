// Factories of this aggregate's inputs: filled in by the refactor of its service (issue 10).
export {};
