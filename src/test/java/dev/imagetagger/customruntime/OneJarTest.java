package dev.imagetagger.customruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom runtime's merged jar reads as the class path of the jars it merges. */
class OneJarTest {

    @TempDir
    Path dir;

    @Test
    void theFirstJarWinsServiceFilesAreJoinedAndOneJarDescriptionsAreDropped() throws IOException {
        Path first = jar("first.jar", true, Map.of("a/Shared.class", "first", "META-INF/services/x.Spi", "one.A",
                "META-INF/FIRST.SF", "signature", "module-info.class", "module", "application.properties",
                "tagger.x=1\n"));
        Path second = jar("second.jar", false, Map.of("a/Shared.class", "second", "META-INF/services/x.Spi",
                "two.B\n", "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "elf", "model/m.onnx", "model"));

        Path merged = dir.resolve("function.jar");
        Path configuration = dir.resolve("config.jar");
        OneJar.merge(List.of(first, second), merged, configuration, 315_532_800_000L);

        try (JarFile jar = new JarFile(merged.toFile())) {
            assertEquals("first", read(jar, "a/Shared.class"));
            assertEquals("one.A\ntwo.B\n", read(jar, "META-INF/services/x.Spi"));
            assertNull(jar.getEntry("META-INF/FIRST.SF"));
            assertNull(jar.getEntry("module-info.class"));
            assertNull(jar.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
            assertNull(jar.getEntry("application.properties"));
            assertEquals(ZipEntry.STORED, jar.getEntry("model/m.onnx").getMethod());
            assertEquals("model", read(jar, "model/m.onnx"));
            assertEquals("true", jar.getManifest().getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
        }
        try (JarFile jar = new JarFile(configuration.toFile())) {
            assertEquals("tagger.x=1\n", read(jar, "application.properties"));
            assertEquals(1, jar.size());
        }
    }

    private Path jar(String name, boolean multiRelease, Map<String, String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String read(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
