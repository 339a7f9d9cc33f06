package org.vivacite.triplestore.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders only their owner may use, whatever the umask: what holds private readings or
 * secrets (the private store, the rollup journal, dead letters, the inbox, credentials, meter keys
 * and registry). Folders are created {@code rwx------}, files {@code rw-------}; group and others
 * lose every permission ({@code chmod go-rwx}), the owner keeps its own.
 *
 * <p>On a file system without POSIX permissions (Windows) nothing is changed: one warning says so,
 * and the folder must be protected with that system's own access rules.
 */
public final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    private static final AtomicBoolean warned = new AtomicBoolean();
    private static final Set<PosixFilePermission> OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {}

    /**
     * Creates a folder and its missing parents owner-only ({@code mkdir -p -m 700}); folders that
     * were there are left as they are ({@link #restrict} one that is the caller's own).
     *
     * @return the folder
     */
    public static Path directories(Path dir) throws IOException {
        if (!posix(dir.toAbsolutePath())) {
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(
                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Creates a new, empty file readable and writable by its owner only; fails if it exists. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, fileAttributes(file));
    }

    /**
     * The attribute that creates a file {@code rw-------} ({@link java.nio.channels.FileChannel#open},
     * {@link Files#newByteChannel}), or none where the file system has no POSIX permissions.
     */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file.toAbsolutePath())
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    /**
     * Takes every permission of group and others away from one file or folder ({@code chmod go-rwx}).
     *
     * @return whether it had any
     */
    public static boolean restrict(Path path) throws IOException {
        if (!posix(path.toAbsolutePath())) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (!permissions.removeAll(OPEN)) {
            return false;
        }
        Files.setPosixFilePermissions(path, permissions);
        return true;
    }

    /**
     * {@link #restrict} on a folder and everything under it, except the sub-trees {@code skip}
     * accepts; symbolic links are not followed (give the real path of a folder that is one), and
     * files deleted meanwhile are passed over.
     *
     * @return how many files and folders had permissions for group or others
     */
    public static int restrictTree(Path root, Predicate<Path> skip) throws IOException {
        if (!posix(root.toAbsolutePath()) || !Files.exists(root)) {
            return 0;
        }
        int[] opened = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && skip.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                count(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink() && !skip.test(file)) {
                    count(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // gone meanwhile
                }
                throw e;
            }

            private void count(Path p) throws IOException {
                try {
                    if (restrict(p)) {
                        opened[0]++;
                    }
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile: nothing to restrict
                }
            }
        });
        return opened[0];
    }

    /**
     * The permissions of a file or folder when group or others have any (as {@code ls} shows them:
     * {@code rwxr-xr-x}); empty when only its owner has any, or the file system has no POSIX
     * permissions.
     */
    public static Optional<String> openTo(Path path) throws IOException {
        if (!posix(path.toAbsolutePath())) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        return permissions.stream().anyMatch(OPEN::contains)
                ? Optional.of(PosixFilePermissions.toString(permissions))
                : Optional.empty();
    }

    private static boolean posix(Path path) {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        if (warned.compareAndSet(false, true)) {
            log.warn(
                    "The file system of {} has no POSIX permissions: private files cannot be made readable by their"
                            + " owner only here; protect the data folder with the system's own access rules",
                    path);
        }
        return false;
    }
}
