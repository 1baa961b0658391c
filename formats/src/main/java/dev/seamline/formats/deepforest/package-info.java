/**
 * DeepForest CSV ({@code image_path,xmin,ymin,xmax,ymax,label[,score]}), read and written
 * ({@link dev.seamline.formats.deepforest.DeepForestFormat}); pixels.
 */
package dev.seamline.formats.deepforest;
