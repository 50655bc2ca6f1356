package io.netty.channel;

/** Stub of the Netty type of the same name (only what LeakGuard's tests use). */
public class ChannelInboundHandlerAdapter implements ChannelInboundHandler {
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    ctx.fireChannelRead(msg);
  }
}
