import { Body, Controller, HttpException, HttpStatus, Post } from '@nestjs/common';
import { CodesService } from './codes.service';

@Controller('codes')
export class CodesController {
  constructor(private readonly codes: CodesService) {}

  @Post('otp')
  async verify(@Body() body: { account: string; code: string }) {
    if (await this.codes.recentAttempts(body.account) > 5) {
      throw new HttpException('retry later', HttpStatus.TOO_MANY_REQUESTS);
    }
    return this.codes.check(body.account, body.code);
  }

  @Post('mfa') // expect: auth-route-without-rate-limit
  async verifyNow(@Body() body: { account: string; code: string }) {
    return this.codes.check(body.account, body.code);
  }
}
