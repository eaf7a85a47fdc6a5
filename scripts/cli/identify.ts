import { CliError } from './io';

export default async function identify(_args: string[]): Promise<void> {
  throw new CliError('identify: not implemented yet');
}
