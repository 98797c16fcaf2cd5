import { PrismaService } from './prisma.service';
import { FileService } from './file.service';

export class JobsService {
  constructor(
    private prisma: PrismaService,
    private fileService: FileService,
  ) {}

  async deleteExpiredShares(): Promise<void> {
    const expired = await this.prisma.share.findMany({ where: { expiration: { lt: new Date() } } });
    for (const share of expired) {
      await this.prisma.share.delete({ where: { id: share.id } }); // expect: n-plus-one-query
      await this.fileService.deleteAllFiles(share.id);
    }
  }

  async attachUploads(uploads: { id: string; url: string }[]): Promise<void> {
    // The row looked up gives the key the file is stored under.
    for (const upload of uploads) {
      const attachment = await this.prisma.attachment.findUnique({ where: { id: upload.id } });
      await this.fileService.storeFromUrl(upload.url, attachment.key);
    }
  }

  async expireShares(): Promise<void> {
    const expired = await this.prisma.share.findMany({ where: { expiration: { lt: new Date() } } });
    for (const share of expired) {
      await this.prisma.share.update({ where: { id: share.id }, data: { expired: true } }); // expect: n-plus-one-query
      console.log(`expired ${share.id}`);
    }
  }
}
