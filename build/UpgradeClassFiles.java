import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step (run by Maven, see pom.xml): rewrites the class files of a library jar that were compiled for Java 5
 * (class file version 49) as Java 8 class files (version 52, with stack map frames), behaviour unchanged. The JVM's
 * class-data sharing skips class files older than version 50, so without this picocli's 170 classes were parsed and
 * verified on every start of the launcher, the largest part of its argument parsing (docs/performance.md).
 *
 * <pre>java -cp asm.jar build/UpgradeClassFiles.java target/lib/picocli-4.7.7.jar</pre>
 *
 * The jar is rewritten in place; classes at version 50 or later are left as they are, so a second run changes nothing.
 */
public final class UpgradeClassFiles {
    public static void main(String[] args) throws IOException {
        for (String name : args) {
            upgrade(Path.of(name));
        }
    }

    private static void upgrade(Path jar) throws IOException {
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgraded");
        int changed = 0;
        try (URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(upgraded))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class") && version(data) < 50) {
                    data = rewrite(data, types);
                    changed++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        if (changed == 0) {
            Files.delete(upgraded); // up to date
            return;
        }
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[upgrade] " + jar.getFileName() + ": " + changed + " class files rewritten as Java 8 class files");
    }

    private static int version(byte[] classFile) {
        return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    }

    private static byte[] rewrite(byte[] classFile, ClassLoader types) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return types; // the frames' common super classes are looked up in the jar itself (and the JDK)
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
