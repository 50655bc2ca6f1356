package io.netty.channel;

/** Stub of the Netty type of the same name (only what LeakGuard's tests use). */
public abstract class SimpleChannelInboundHandler<I> extends ChannelInboundHandlerAdapter {
  @Override
  @SuppressWarnings("unchecked")
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    channelRead0(ctx, (I) msg);
  }

  protected abstract void channelRead0(ChannelHandlerContext ctx, I msg) throws Exception;
}
