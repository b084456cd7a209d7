package io.tributary.worker.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jitsi-srtp's bundled OpenSSL binding is optional: a child JVM whose jitsi-srtp jar has its native
 * libraries stripped must fall back to Java AES/HMAC and still match the libsrtp vectors.
 */
class SrtpPureJavaTest {

    @Test
    void worksWithoutTheNativeLibrary(@TempDir Path dir) throws Exception {
        Path jitsiSrtp = codeSource(org.jitsi.srtp.SrtpContextFactory.class);
        Path stripped = dir.resolve("jitsi-srtp-java-only.jar");
        stripNativeLibraries(jitsiSrtp, stripped);

        List<String> classpath = new ArrayList<>();
        classpath.add(stripped.toString());
        for (Class<?> anchor : new Class<?>[] {SrtpSession.class, SrtpPureJavaCheck.class,
                org.jitsi.utils.ByteArrayBuffer.class, org.bouncycastle.jce.provider.BouncyCastleProvider.class,
                com.sun.jna.Native.class, kotlin.jvm.internal.Intrinsics.class}) {
            classpath.add(codeSource(anchor).toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, classpath),
                SrtpPureJavaCheck.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        // jitsi-srtp benchmarks SunJCE against BouncyCastle and keeps the faster; either is pure Java.
        assertTrue(output.matches("(?s).*ctr=(SunJCE|BC) gcm=(SunJCE|BC).*"), output);
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void stripNativeLibraries(Path source, Path target) throws IOException {
        try (JarFile in = new JarFile(source.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                if (!entry.isDirectory()) {
                    in.getInputStream(entry).transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
