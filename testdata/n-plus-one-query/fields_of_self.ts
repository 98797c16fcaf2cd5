import { getRepository } from 'typeorm';
import { SeasonRequest } from './SeasonRequest';
import { Job } from './Job';

export class MediaRequest {
  seasons: SeasonRequest[] = [];
  pendingJobs: Job[] = [];

  async approve(): Promise<void> {
    const seasonRepository = getRepository(SeasonRequest);
    // The seasons of this one request: its own field.
    for (const season of this.seasons) {
      season.status = 'approved';
      await seasonRepository.save(season);
    }
    await Promise.all(Object.values(this.byId).map((s) => seasonRepository.save(s)));
  }

  async flush(): Promise<void> {
    const jobRepository = getRepository(Job);
    // Work collected to flush later grows with what was received.
    for (const job of this.pendingJobs) {
      await jobRepository.save(job); // expect: n-plus-one-query
    }
  }

  async approveAll(requests: SeasonRequest[]): Promise<void> {
    const seasonRepository = getRepository(SeasonRequest);
    for (const request of requests) {
      await seasonRepository.save(request); // expect: n-plus-one-query
    }
  }

  byId: Record<string, SeasonRequest> = {};
}
