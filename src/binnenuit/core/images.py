"""Uploaded images, decoded and written again: what is stored is only the picture.

Every upload (a logo now, profile photos later) goes through :func:`clean_image`: the file
must really be a PNG, JPEG or WebP image of sensible size, it is decoded with Pillow — a
decompression bomb (a few kilobytes that unpack into gigabytes) is refused before it is
unpacked — and encoded again, which drops metadata (EXIF, GPS), comments and any bytes
hidden after the image.
"""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from binnenuit.core.exceptions import ServiceError

FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def clean_image(
    upload: UploadedFile[bytes], *, field: str, max_bytes: int, max_side: int
) -> ContentFile[bytes]:
    """The upload re-encoded, or a ServiceError beside ``field`` saying what is wrong."""
    if (upload.size or 0) > max_bytes:
        raise ServiceError(
            fields={
                field: _("The image is larger than %(mb)s MB. Choose a smaller image.")
                % {"mb": max_bytes // (1024 * 1024)}
            }
        )
    not_an_image = _("This file is not a PNG, JPEG or WebP image. Choose an image file.")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header only
            kind = image.format or ""
            if kind not in FORMATS:
                raise ServiceError(fields={field: not_an_image})
            if max(image.size) > max_side:
                raise ServiceError(
                    fields={
                        field: _(
                            "This image is %(width)s × %(height)s pixels; at most %(max)s "
                            "pixels wide and high is allowed. Choose a smaller image."
                        )
                        % {"width": image.width, "height": image.height, "max": max_side}
                    }
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow refuses to open it at all: far more pixels than any image we take.
        raise ServiceError(
            fields={
                field: _(
                    "This image has far too many pixels; at most %(max)s pixels wide and high "
                    "is allowed. Choose a smaller image."
                )
                % {"max": max_side}
            }
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ServiceError(fields={field: not_an_image}) from exc
    upright = ImageOps.exif_transpose(image)  # keep the orientation EXIF gave, then drop it
    out = io.BytesIO()
    if kind == "JPEG":
        upright.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    else:
        upright.save(out, kind)
    stem = PurePath(upload.name or "image").stem[:50] or "image"
    return ContentFile(out.getvalue(), name=f"{stem}.{FORMATS[kind]}")
