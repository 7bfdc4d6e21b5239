/**
 * Pictures of a cluster and of a path, drawn the way the article draws them: SVG, read through
 * the other features' services. Reading ({@link io.podnet.picture.PictureReader}) is apart from
 * laying out ({@link io.podnet.picture.Layout}) and drawing, which take plain values and return text.
 */
package io.podnet.picture;
