using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.IntegrationTests.Llm;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (random port) for tests: answers
/// <c>POST /v1/chat/completions</c> with scripted content and records every request (body and authorization header).
/// </summary>
internal sealed class LocalOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<JObject, string> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(JObject Body, string? Authorization, string Path)> _requests = [];

    public LocalOpenAiServer(Func<JObject, string> respond)
    {
        _respond = respond;
        (_listener, Port) = Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}/v1";

    public IReadOnlyList<(JObject Body, string? Authorization, string Path)> Requests
    {
        get { lock (_requests) { return _requests.ToList(); } }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _listener.Close();
        _stop.Dispose();
    }

    private static (HttpListener, int) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JObject.Parse(await reader.ReadToEndAsync());
            lock (_requests)
            {
                _requests.Add((body, context.Request.Headers["Authorization"], context.Request.Url!.AbsolutePath));
            }

            if (context.Request.Url!.AbsolutePath != "/v1/chat/completions")
            {
                response.StatusCode = 404;
                return;
            }

            var content = _respond(body);
            var json = new JObject
            {
                ["id"] = "chatcmpl-" + Requests.Count,
                ["object"] = "chat.completion",
                ["created"] = 1_764_288_000,
                ["model"] = body.Value<string>("model"),
                ["choices"] = new JArray(new JObject
                {
                    ["index"] = 0,
                    ["message"] = new JObject { ["role"] = "assistant", ["content"] = content },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 30, ["total_tokens"] = 150 },
            };
            var bytes = Encoding.UTF8.GetBytes(json.ToString());
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
        catch (Exception ex)
        {
            var bytes = Encoding.UTF8.GetBytes(new JObject { ["error"] = new JObject { ["message"] = ex.Message, ["type"] = "server_error" } }.ToString());
            response.StatusCode = 500;
            await response.OutputStream.WriteAsync(bytes);
        }
        finally
        {
            response.Close();
        }
    }
}
