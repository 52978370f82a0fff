package dev.customertokens.bootstrap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Spec;

/** A group of commands ({@code applications}, {@code sessions}, …): run alone, it prints its usage on standard error. */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
