package io.netty.channel;

/** Stub of the Netty type of the same name (only what LeakGuard's tests use). */
public interface ChannelHandler {
  void handlerAdded(ChannelHandlerContext ctx) throws Exception;
}
