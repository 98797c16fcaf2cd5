import { IsNotEmpty, IsOptional, IsUrl, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';

export class AppEnvironment {
  @IsNotEmpty()
  @IsUrl({ protocols: ['redis'], require_tld: false })
  QUEUE_REDIS_URL: string;

  @IsOptional()
  CACHE_REDIS_URL: string;

  @IsNotEmpty()
  TOKEN_SECRET: string;
}

export function validate(raw: Record<string, unknown>) {
  const env = plainToInstance(AppEnvironment, raw);
  const problems = validateSync(env);
  if (problems.length > 0) {
    console.error('invalid environment', problems);
    process.exit(1);
  }
  return env;
}
