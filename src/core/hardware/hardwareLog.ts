// How the hardware layer reports trouble: the caller decides where a line goes (the extension's
// output channel, the CLI's stderr, a test's array).
export type HardwareLogLevel = 'info' | 'warn' | 'error';

export type HardwareLog = (level: HardwareLogLevel, message: string) => void;

export const silentLog: HardwareLog = () => undefined;
