import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

const isProduction = process.env.NODE_ENV === 'production';

export async function bootstrap(origins: string[]): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: isProduction ? origins : true, credentials: true });
  app.enableCors({ origin: origins, credentials: true });
  await app.listen(3000);
}
