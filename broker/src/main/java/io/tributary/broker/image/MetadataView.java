package io.tributary.broker.image;

import io.tributary.metadata.image.MetadataImage;

/** The current metadata image, for handlers: read once per request so one request sees one image. */
@FunctionalInterface
public interface MetadataView {

    MetadataImage image();
}
