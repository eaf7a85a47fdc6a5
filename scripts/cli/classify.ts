import { CliError } from './io';

export default async function classify(_args: string[]): Promise<void> {
  throw new CliError('classify: not implemented yet');
}
