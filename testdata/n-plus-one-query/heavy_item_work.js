// Iterations that embed each document into a vector database or render each video's
// thumbnail: that work is the cost of the turn, and the row written beside it is a small
// part of it. The same writes in a loop doing no such work stay reported.
const { PrismaClient } = require('@prisma/client');
const { vectorStore } = require('./vectors');
const { renderThumbnail, thumbnailUrl } = require('./media');

const prisma = new PrismaClient();

async function embedDocuments(workspace, documents) {
  for (const document of documents) {
    const { ok } = await vectorStore.addDocumentToNamespace(workspace.slug, document);
    if (!ok) continue;
    await prisma.workspaceDocument.create({ data: { workspaceId: workspace.id, docId: document.id } });
  }
}

async function embedNewDocuments(workspace, documents) {
  for (const document of documents) {
    // The lookup decides whether to do the work: one query over the ids would do.
    const seen = await prisma.workspaceDocument.count({ where: { docId: document.id } }); // expect: n-plus-one-query
    if (seen > 0) continue;
    await vectorStore.addDocumentToNamespace(workspace.slug, document);
  }
}

async function removeDocuments(workspace, documents) {
  for (const document of documents) {
    await vectorStore.deleteDocumentFromNamespace(workspace.slug, document.docId);
    await prisma.workspaceDocument.delete({ where: { id: document.id } });
  }
}

async function renderThumbnails(videos) {
  for (const video of videos) {
    const image = await renderThumbnail(video.path);
    await prisma.thumbnail.create({ data: { videoId: video.id, size: image.length } });
  }
}

async function linkThumbnails(videos) {
  for (const video of videos) {
    const url = thumbnailUrl(video.id);
    await prisma.thumbnail.create({ data: { videoId: video.id, url } }); // expect: n-plus-one-query
  }
}

async function recordDocuments(workspace, documents) {
  for (const document of documents) {
    await prisma.workspaceDocument.create({ data: { workspaceId: workspace.id, docId: document.id } }); // expect: n-plus-one-query
  }
}

module.exports = { embedDocuments, embedNewDocuments, removeDocuments, renderThumbnails, linkThumbnails, recordDocuments };
