// Prepared by the integration suites; pure suites need nothing from it.
export default async function setup(): Promise<void> {}
