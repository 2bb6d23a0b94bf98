package dev.localhome.archfixtures.wrong.bootstrap;

import dev.localhome.archfixtures.wrong.adapters.certs.CertsEntry;
import dev.localhome.archfixtures.wrong.adapters.netty.NettyEntry;
import dev.localhome.archfixtures.wrong.application.UseCase;
import dev.localhome.archfixtures.wrong.domain.Value;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import picocli.CommandLine;

/** The composition root: allowed to use every ring, Guice, picocli, Jackson and the logging backend. */
public final class Main {
    static Level level = Level.INFO;
    static ObjectMapper json = new ObjectMapper();
    static Class<?>[] wired = {NettyEntry.class, CertsEntry.class};

    public static void main(String[] args) {
        Injector injector = Guice.createInjector();
        Value value = injector.getInstance(UseCase.class).find("home");
        System.out.println("LISTENING:" + new CommandLine(value).execute(args)); // the console may print
    }
}
