package dev.localhome.adapters.netty.backend;

import java.time.Duration;

/** The event a backend connection fires when no response head came within {@code waited}: the exchange answers {@code 504}. */
public record BackendTimedOut(Duration waited) {}
