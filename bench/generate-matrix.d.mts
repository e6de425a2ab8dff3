export function generateMatrix(options?: { questions?: number; severities?: number; roles?: number }): string;
