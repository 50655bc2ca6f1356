package io.netty.channel;

/** Stub of the Netty type of the same name (only what LeakGuard's tests use). */
public interface ChannelHandlerContext {
  ChannelHandlerContext fireChannelRead(Object msg);

  java.util.concurrent.ScheduledExecutorService executor();
}
