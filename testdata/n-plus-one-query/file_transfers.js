const { prisma } = require('./db');
const fileService = require('./fileService');

async function removeExpired(expired) {
  // The files go per share, but the row delete needs only the id: one deleteMany would do.
  for (const share of expired) {
    await prisma.share.delete({ where: { id: share.id } }); // expect: n-plus-one-query
    await fileService.deleteAllFiles(share.id);
  }
}

async function copyAll(assets, storage) {
  // Each asset is copied in the file store; its new row goes with the copy.
  for (const asset of assets) {
    const copy = await prisma.asset.create({ data: { key: `${asset.key}-copy` } });
    await storage.copyObject(asset.key, copy.key);
  }
}

async function uploadAll(items, FileStorage) {
  await Promise.all(
    items.map(async (item) => {
      const attachment = await prisma.attachment.findUnique({ where: { id: item.attachmentId } });
      await FileStorage.storeFromUrl(item.url, attachment.key);
    }),
  );
}

async function closeExpired(expired, bucket) {
  // The store call is the same for every share: only the queries run per item.
  for (const share of expired) {
    await prisma.share.update({ where: { id: share.id }, data: { open: false } }); // expect: n-plus-one-query
    await fileService.deleteAllFiles(bucket);
  }
}

async function removeRows(expired) {
  // A repository named after files still deletes rows.
  for (const share of expired) {
    await prisma.share.delete({ where: { id: share.id } }); // expect: n-plus-one-query
    await prisma.fileRecord.deleteMany({ where: { shareId: share.id } }); // expect: n-plus-one-query
  }
}

module.exports = { removeExpired, copyAll, uploadAll, closeExpired, removeRows };
