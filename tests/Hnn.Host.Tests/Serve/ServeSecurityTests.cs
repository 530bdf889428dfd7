using System.Net;
using Hnn.Host.Serve;

namespace Hnn.Host.Tests.Serve;

/// <summary>The API key, and the refusal to listen beyond loopback without one.</summary>
[Collection("serve")]
public sealed class ServeSecurityTests
{
    private const string Key = "a-key-of-twenty-chars";

    [Fact]
    public async Task With_a_key_every_api_request_needs_it_and_healthz_and_the_page_do_not()
    {
        await using var host = await ServeHost.StartAsync(o => o with { ApiKey = Key });
        using (var missing = await host.Client.GetAsync("/api/runs"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Contains("X-Api-Key", await missing.Content.ReadAsStringAsync());
        }
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = new StringContent(ServeExperiments.Small()) };
        wrong.Headers.Add("X-Api-Key", Key + "x");
        using (var r = await host.Client.SendAsync(wrong))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Contains("wrong", await r.Content.ReadAsStringAsync());
        }
        using (var r = await host.Client.GetAsync("/api/runs?api_key=nope")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await host.Client.GetAsync("/metrics")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await host.Client.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await host.Client.GetAsync("/")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        var right = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        right.Headers.Add("X-Api-Key", Key);
        using (var r = await host.Client.SendAsync(right)) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        // EventSource cannot set headers: the query works too.
        using (var r = await host.Client.GetAsync($"/api/models?api_key={Key}")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://192.168.1.20:8080", false)]
    [InlineData("http://127.0.0.1:8080;http://[::]:8080", false)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    public void A_binding_beyond_loopback_needs_a_key(string urls, bool allowed)
    {
        var options = new ServeOptions { Urls = urls };
        if (allowed) options.Validate();
        else
        {
            var e = Assert.Throws<ArgumentException>(options.Validate);
            Assert.Contains("without an API key", e.Message);
            (options with { ApiKey = Key }).Validate();
        }
    }

    [Fact]
    public void Hnn_serve_refuses_to_start_on_a_non_loopback_address_without_a_key()
    {
        var r = HnnProcess.Run("serve", "--urls", "http://0.0.0.0:0", "--data", HnnProcess.TempDir());
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("hnn serve: --urls 'http://0.0.0.0:0' listens beyond this machine", lines[0]);
        Assert.DoesNotContain("listening on", r.Stdout);
    }
}
