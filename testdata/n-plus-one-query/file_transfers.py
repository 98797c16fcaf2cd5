from .models import Asset, Share
from .storage import S3Storage


def copy_assets(asset_ids, project_id):
    # Each asset is copied in the file store: the row of the copy goes with the transfer.
    storage = S3Storage()
    copies = []
    for asset in Asset.objects.filter(id__in=asset_ids):
        copy = Asset.objects.create(key=asset.key + "-copy", project_id=project_id)
        storage.copy_object(asset.key, copy.key)
        copies.append(copy)
    return copies


def tag_assets(asset_ids, tag):
    # The store call does not depend on the asset: nothing is transferred per item.
    storage = S3Storage()
    for asset in Asset.objects.filter(id__in=asset_ids):
        Share.objects.create(asset=asset, tag=tag)  # expect: n-plus-one-query
        storage.delete_cache(tag)


def export_assets(export_file, asset_ids):
    # Writing a line to a local file is not a transfer of the item's files.
    for asset in Asset.objects.filter(id__in=asset_ids):
        count = Share.objects.filter(asset=asset).count()  # expect: n-plus-one-query
        export_file.write(f"{asset.key},{count}\n")


def expire_exports(expired, s3, bucket):
    # The object goes per export, but the row update sets the same value on each: one
    # filtered update over the ids would do.
    for key, export_id in expired:
        s3.delete_object(Bucket=bucket, Key=key)
        Share.objects.filter(id=export_id).update(url=None)  # expect: n-plus-one-query
