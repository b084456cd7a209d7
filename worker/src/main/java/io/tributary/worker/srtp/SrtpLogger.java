package io.tributary.worker.srtp;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Handler;

import org.jitsi.utils.logging2.Logger;

/**
 * The jitsi-srtp logger Tributary hands to its contexts: trace, debug and info (which jitsi-srtp
 * emits per packet) are dropped without evaluating their suppliers; warnings and errors go to the
 * JDK platform logger. Stateless, so one instance serves every context.
 */
final class SrtpLogger implements Logger {

    static final SrtpLogger INSTANCE = new SrtpLogger();

    private static final System.Logger PLATFORM = System.getLogger("io.tributary.worker.srtp");

    private SrtpLogger() {
    }

    @Override
    public Logger createChildLogger(String name, Map<String, String> context) {
        return this;
    }

    @Override
    public Logger createChildLogger(String name) {
        return this;
    }

    @Override
    public void setUseParentHandlers(boolean useParentHandlers) {
    }

    @Override
    public void addHandler(Handler handler) {
    }

    @Override
    public void removeHandler(Handler handler) {
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public void trace(Object msg) {
    }

    @Override
    public void trace(Supplier<String> msgSupplier) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public void debug(Object msg) {
    }

    @Override
    public void debug(Supplier<String> msgSupplier) {
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public void info(Object msg) {
    }

    @Override
    public void info(Supplier<String> msgSupplier) {
    }

    @Override
    public boolean isWarnEnabled() {
        return PLATFORM.isLoggable(Level.WARNING);
    }

    @Override
    public void warn(Object msg) {
        PLATFORM.log(Level.WARNING, String.valueOf(msg));
    }

    @Override
    public void warn(Supplier<String> msgSupplier) {
        PLATFORM.log(Level.WARNING, msgSupplier);
    }

    @Override
    public void warn(Object msg, Throwable t) {
        PLATFORM.log(Level.WARNING, String.valueOf(msg), t);
    }

    @Override
    public void error(Object msg) {
        PLATFORM.log(Level.ERROR, String.valueOf(msg));
    }

    @Override
    public void error(Supplier<String> msgSupplier) {
        PLATFORM.log(Level.ERROR, msgSupplier);
    }

    @Override
    public void error(Object msg, Throwable t) {
        PLATFORM.log(Level.ERROR, String.valueOf(msg), t);
    }

    @Override
    public void setLevelError() {
    }

    @Override
    public void setLevelWarn() {
    }

    @Override
    public void setLevelInfo() {
    }

    @Override
    public void setLevelDebug() {
    }

    @Override
    public void setLevelTrace() {
    }

    @Override
    public void setLevelAll() {
    }

    @Override
    public void setLevelOff() {
    }

    @Override
    public void setLevel(java.util.logging.Level level) {
    }

    @Override
    public java.util.logging.Level getLevel() {
        return java.util.logging.Level.WARNING;
    }

    @Override
    public void addContext(Map<String, String> addedContext) {
    }

    @Override
    public void addContext(String key, String value) {
    }
}
