package io.netty.channel;

/** Stub of the Netty type of the same name (only what LeakGuard's tests use). */
public interface ChannelInboundHandler extends ChannelHandler {
  void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception;
}
