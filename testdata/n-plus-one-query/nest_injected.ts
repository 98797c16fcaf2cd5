import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { InjectModel } from '@nestjs/mongoose';
import { DataSource, In, Repository } from 'typeorm';
import { Model } from 'mongoose';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class BookService {
  @InjectRepository(Review)
  private reviews: Repository<Review>;
  private readonly shelves = this.dataSource.getRepository(Shelf);
  private tags: Tag[] = [];

  constructor(
    @InjectRepository(Book) private readonly books: Repository<Book>,
    @InjectModel(Cat.name) private cats: Model<Cat>,
    private readonly orm: PrismaClient,
    private readonly dataSource: DataSource,
  ) {}

  async byAuthor(authors: Author[]) {
    for (const a of authors) {
      a.books = await this.books.find({ where: { authorId: a.id } }); // expect: n-plus-one-query
      a.bookCount = await this.books.count({ where: { authorId: a.id } }); // expect: n-plus-one-query
      a.reviews = await this.reviews.find({ where: { authorId: a.id } }); // expect: n-plus-one-query
      a.cats = await this.cats.find({ owner: a.id }).lean(); // expect: n-plus-one-query
      a.profile = await this.orm.profile.create({ data: { authorId: a.id } }); // expect: n-plus-one-query
      a.shelf = await this.shelves.findOne({ where: { authorId: a.id } }); // expect: n-plus-one-query
      // Look-alike: an array's `find` with a callback.
      a.tag = this.tags.find((t) => t.id === a.tagId);
    }
    return authors;
  }

  // Look-alike: one query for all authors.
  async batched(authors: Author[]) {
    return this.books.find({ where: { authorId: In(authors.map((a) => a.id)) } });
  }
}

export async function countByAuthor(books: Repository<Book>, authors: Author[], cached: Book[]) {
  const counts: number[] = [];
  for (const a of authors) {
    counts.push(await books.count({ where: { authorId: a.id } })); // expect: n-plus-one-query
    // Look-alike: a parameter typed as an array.
    cached.find((b) => b.authorId === a.id);
  }
  return counts;
}

// Look-alike: a local array shadows nothing typed; its `find` is the array method.
export function pick(authors: Author[], books: { authorId: number }[]) {
  return authors.map((a) => books.find((b) => b.authorId === a.id));
}
