package dev.imagetagger.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Finds the static initialisers of compiled application classes that would, run while the native image is built
 * (Quarkus initialises application classes at build time), touch what only exists at run time: ImageIO and AWT
 * (quarkus-awt initialises them at run time, so whatever they were given at build time is lost), ONNX Runtime and
 * TwelveMonkeys (native libraries, colour profiles), threads, the clock, or the environment (variables, system
 * properties, processors, memory, locale). It reads each class's {@code <clinit>} bytecode and follows the calls it
 * makes into the application's own methods; lambdas are not followed, since creating one runs nothing. Classes the
 * build initialises at run time ({@code --initialize-at-run-time}) are left out.
 * <p>
 * {@code infra/native/check-native-inputs.sh} runs {@link #main} on {@code target/classes} with the run-time list the
 * native build receives.
 */
public final class BuildTimeInitialisers {

    /** What a static initialiser reached, and the chain of calls that reached it. */
    public record Finding(String initialiser, String reached, String what, List<String> path) {
        @Override
        public String toString() {
            return initialiser + " reaches " + reached + " (" + what + ")"
                    + (path.isEmpty() ? "" : " through " + String.join(" -> ", path));
        }
    }

    private final Map<String, ClassNode> classes;

    private BuildTimeInitialisers(Map<String, ClassNode> classes) {
        this.classes = classes;
    }

    /** The classes compiled into {@code directory} (such as {@code target/classes}). */
    public static BuildTimeInitialisers of(Path directory) {
        Map<String, ClassNode> classes = new HashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassNode node = new ClassNode();
                    new ClassReader(in).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                    classes.put(node.name, node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the classes in " + directory, e);
        }
        return new BuildTimeInitialisers(classes);
    }

    /**
     * What the static initialisers of the classes {@code buildTimeInitialised} accepts (binary names, such as
     * {@code a.b.Outer$Inner}) reach.
     */
    public List<Finding> findings(Predicate<String> buildTimeInitialised) {
        List<Finding> findings = new ArrayList<>();
        classes.values().stream().filter(c -> buildTimeInitialised.test(binaryName(c.name)))
                .sorted((a, b) -> a.name.compareTo(b.name))
                .forEach(c -> method(c.name, "<clinit>", "()V").ifPresent(m -> walk(c.name, m, findings)));
        return findings;
    }

    private record Visit(String owner, MethodNode method, List<String> path) {
    }

    /** Depth-first through the application methods the initialiser calls, each method once. */
    private void walk(String owner, MethodNode clinit, List<Finding> findings) {
        String initialiser = binaryName(owner) + ".<clinit>";
        Set<String> seen = new HashSet<>();
        Deque<Visit> pending = new ArrayDeque<>();
        pending.push(new Visit(owner, clinit, List.of()));
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            if (!seen.add(visit.owner() + "." + visit.method().name + visit.method().desc)) {
                continue;
            }
            for (AbstractInsnNode instruction : visit.method().instructions) {
                String[] member = member(instruction);
                if (member == null) {
                    continue;
                }
                String what = forbidden(member[0], member[1], member[2]);
                if (what != null && !asksForImageCode(instruction)) {
                    findings.add(new Finding(initialiser, member[0].replace('/', '.') + "." + member[1], what,
                            visit.path()));
                } else if (instruction instanceof MethodInsnNode call && classes.containsKey(call.owner)) {
                    resolve(call.owner, call.name, call.desc).ifPresent(target -> {
                        List<String> path = new ArrayList<>(visit.path());
                        path.add(binaryName(target.owner()) + "." + call.name);
                        pending.push(new Visit(target.owner(), target.method(), List.copyOf(path)));
                    });
                }
            }
        }
    }

    /**
     * {@code System.getProperty("org.graalvm.nativeimage.imagecode")}: the one property meant to be read at image build
     * time (set there and in the image, as GraalVM's {@code ImageInfo.inImageCode()} reads it).
     */
    private static boolean asksForImageCode(AbstractInsnNode instruction) {
        AbstractInsnNode previous = instruction.getPrevious();
        return instruction instanceof MethodInsnNode call && call.owner.equals("java/lang/System")
                && call.name.equals("getProperty") && previous instanceof LdcInsnNode ldc
                && "org.graalvm.nativeimage.imagecode".equals(ldc.cst);
    }

    /** The owner, name and descriptor an instruction refers to, or null. */
    private static String[] member(AbstractInsnNode instruction) {
        if (instruction instanceof MethodInsnNode call) {
            return new String[] { call.owner, call.name, call.desc };
        }
        if (instruction instanceof FieldInsnNode field) {
            return new String[] { field.owner, field.name, field.desc };
        }
        if (instruction instanceof TypeInsnNode type && type.getOpcode() == Opcodes.NEW) {
            return new String[] { type.desc, "new", "" };
        }
        if (instruction instanceof LdcInsnNode ldc && ldc.cst instanceof Type type && type.getSort() == Type.OBJECT) {
            return new String[] { type.getInternalName(), "class", "" };
        }
        return null;
    }

    private record Target(String owner, MethodNode method) {
    }

    /** The method a call runs: declared by the owner or inherited from an application superclass. */
    private Optional<Target> resolve(String owner, String name, String desc) {
        for (String type = owner; type != null && classes.containsKey(type); type = classes.get(type).superName) {
            String current = type;
            Optional<MethodNode> method = method(type, name, desc);
            if (method.isPresent()) {
                return method.map(m -> new Target(current, m));
            }
        }
        return Optional.empty();
    }

    private Optional<MethodNode> method(String owner, String name, String desc) {
        return classes.get(owner).methods.stream()
                .filter(m -> m.name.equals(name) && m.desc.equals(desc) && m.instructions.size() > 0).findFirst();
    }

    private static final List<String> RUN_TIME_PACKAGES = List.of("javax/imageio/", "java/awt/", "sun/awt/",
            "sun/java2d/", "javax/swing/", "ai/onnxruntime/", "com/twelvemonkeys/");
    private static final Set<String> THREAD_TYPES = Set.of("java/lang/Thread", "java/lang/Thread$Builder",
            "java/lang/Thread$Builder$OfPlatform", "java/lang/Thread$Builder$OfVirtual", "java/lang/ThreadGroup",
            "java/util/Timer", "java/util/concurrent/Executors", "java/util/concurrent/ThreadPoolExecutor",
            "java/util/concurrent/ScheduledThreadPoolExecutor", "java/util/concurrent/ForkJoinPool");
    /** Members of Thread and its builders that make or start a thread (reading the current thread's name is fine). */
    private static final Set<String> THREAD_STARTS = Set.of("new", "<init>", "start", "startVirtualThread",
            "ofPlatform", "ofVirtual", "unstarted", "sleep");
    private static final Set<String> CLOCK_CLASSES = Set.of("java/time/Instant", "java/time/LocalDate",
            "java/time/LocalDateTime", "java/time/LocalTime", "java/time/OffsetDateTime", "java/time/ZonedDateTime",
            "java/time/Year", "java/time/YearMonth", "java/time/MonthDay", "java/time/OffsetTime");
    private static final Set<String> ENVIRONMENT = Set.of("java/lang/System.getenv", "java/lang/System.getProperty",
            "java/lang/System.getProperties", "java/lang/Integer.getInteger", "java/lang/Long.getLong",
            "java/lang/Boolean.getBoolean", "java/lang/Runtime.availableProcessors", "java/lang/Runtime.maxMemory",
            "java/lang/Runtime.totalMemory", "java/lang/Runtime.freeMemory", "java/util/Locale.getDefault",
            "java/util/TimeZone.getDefault", "java/time/ZoneId.systemDefault", "java/net/InetAddress.getLocalHost",
            "java/lang/ProcessHandle.current");

    /** What touching this member at build time would capture or start, or null when it is harmless. */
    static String forbidden(String owner, String name, String desc) {
        String member = owner + "." + name;
        if (RUN_TIME_PACKAGES.stream().anyMatch(owner::startsWith)) {
            return owner.startsWith("ai/onnxruntime/") ? "ONNX Runtime"
                    : owner.startsWith("com/twelvemonkeys/") ? "TwelveMonkeys ImageIO plugins" : "ImageIO or AWT";
        }
        if (THREAD_TYPES.contains(owner) && !(owner.startsWith("java/lang/Thread") && !THREAD_STARTS.contains(name))) {
            return "a thread";
        }
        if (owner.equals("java/util/concurrent/CompletableFuture") && name.endsWith("Async")) {
            return "a thread (the common pool)";
        }
        if (member.equals("java/lang/System.currentTimeMillis") || member.equals("java/lang/System.nanoTime")
                || owner.equals("java/time/Clock") || (CLOCK_CLASSES.contains(owner) && name.equals("now"))
                || (owner.equals("java/util/Date") && name.equals("<init>") && desc.equals("()V"))
                || member.equals("java/util/Calendar.getInstance")) {
            return "the clock";
        }
        if (ENVIRONMENT.contains(member)) {
            return "the environment";
        }
        if (Set.of("java/lang/System.load", "java/lang/System.loadLibrary", "java/lang/Runtime.load",
                "java/lang/Runtime.loadLibrary").contains(member)) {
            return "a native library";
        }
        return null;
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }

    /**
     * The classes that {@code --initialize-at-run-time} entries (packages or classes, comma-separated) name: those
     * the native image initialises at run time.
     */
    public static Predicate<String> runTimeInitialised(List<String> entries) {
        List<String> names = entries.stream().flatMap(e -> Arrays.stream(e.split(","))).map(String::trim)
                .filter(e -> !e.isEmpty()).toList();
        return binaryName -> names.stream().anyMatch(name -> binaryName.equals(name)
                || binaryName.startsWith(name + ".") || binaryName.startsWith(name + "$"));
    }

    /**
     * Arguments: the classes folder, the report file to write (empty when nothing is found), and the native-image
     * command line the build recorded, one argument a line, whose {@code --initialize-at-run-time} options name the
     * classes left out. Prints the findings; the caller reads the report.
     */
    public static void main(String[] args) throws IOException {
        Path classesDir = Path.of(args[0]);
        Path report = Path.of(args[1]);
        String option = "--initialize-at-run-time=";
        List<String> runTimeEntries = Files.readAllLines(Path.of(args[2])).stream().filter(a -> a.startsWith(option))
                .map(a -> a.substring(option.length())).toList();
        List<Finding> findings = of(classesDir).findings(runTimeInitialised(runTimeEntries).negate());
        List<String> lines = findings.stream().map(Finding::toString).toList();
        Files.write(report, lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
        System.out.println("Static initialisers run at image build time that reach what exists only at run time: "
                + findings.size() + " (" + classesDir + ")");
    }
}
