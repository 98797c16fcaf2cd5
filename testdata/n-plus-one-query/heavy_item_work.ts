// Iterations that embed each document into a vector database or transcode each video:
// that work is the cost of the turn, and the row written beside it is a small part of it.
// The same writes in a loop doing no such work stay reported.
import { Repository } from 'typeorm';
import { Document } from './entities/document';
import { Rendition } from './entities/rendition';
import { embedText } from './embeddings';
import { transcodeVideo, videoPath } from './media';

export class LibraryService {
  constructor(
    private readonly documents: Repository<Document>,
    private readonly renditions: Repository<Rendition>,
  ) {}

  async indexDocuments(ids: string[]): Promise<void> {
    for (const id of ids) {
      // The lookup comes before the work: one query over the ids would do.
      const document = await this.documents.findOneBy({ id }); // expect: n-plus-one-query
      if (!document) continue;
      const vector = await embedText(document.body);
      await this.documents.update({ id }, { indexedAt: new Date(), dimensions: vector.length });
    }
  }

  async transcodeAll(videoIds: string[]): Promise<void> {
    for (const videoId of videoIds) {
      const output = await transcodeVideo(videoPath(videoId));
      await this.renditions.save({ videoId, bytes: output.size });
    }
  }

  async touchDocuments(ids: string[]): Promise<void> {
    for (const id of ids) {
      const document = await this.documents.findOneBy({ id }); // expect: n-plus-one-query
      if (!document) continue;
      await this.documents.update({ id }, { indexedAt: new Date() }); // expect: n-plus-one-query
    }
  }

  async pathsOf(videoIds: string[]): Promise<void> {
    for (const videoId of videoIds) {
      const path = videoPath(videoId);
      await this.renditions.save({ videoId, path }); // expect: n-plus-one-query
    }
  }
}
