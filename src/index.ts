export function onOpen(): void {}
