package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.geo.ScenePaths;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A SCENE argument as {@link ScenePaths#of} reads it: an {@code http(s)://} URL or a file path. Stateless
 * and thread-safe.
 */
final class ScenePathConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        try {
            return ScenePaths.of(value);
        } catch (BadInputException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
