import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

export async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: /.*/, credentials: true }); // expect: cors-credentials-wildcard
  await app.listen(3000);
}

export function reflect(req: { headers: Record<string, string> }, res: { setHeader(k: string, v: string): void }): void {
  const { origin } = req.headers;
  res.setHeader('Access-Control-Allow-Origin', origin); // expect: cors-credentials-wildcard
  res.setHeader('Access-Control-Allow-Credentials', 'true');
}
