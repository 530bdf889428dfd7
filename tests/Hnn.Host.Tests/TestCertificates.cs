using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hnn.Host.Tests;

/// <summary>
/// A small lab CA made in the test (System.Security.Cryptography's <see cref="CertificateRequest"/>):
/// its certificate as PEM, and node certificates it signs as password-protected .pfx files, in a
/// temporary folder — what docs/cli.md's openssl commands make for a real cluster.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string Password = "s3cret-pfx-password";

    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _ca;

    public string Folder { get; }

    /// <summary>The CA's certificate (PEM, no key): what every node is given as --tls-ca.</summary>
    public string CaPath { get; }

    public TestCertificates(string name = "hnn test CA")
    {
        Folder = HnnProcess.TempDir();
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
        CaPath = Path.Combine(Folder, "ca.pem");
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
    }

    /// <summary>A node certificate signed by this CA (both TLS uses, SAN localhost and 127.0.0.1) with its key, as a .pfx; returns its path.</summary>
    public string Node(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool withKey = true, bool serverOnly = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            serverOnly ? [new Oid("1.3.6.1.5.5.7.3.1")] : [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));   // serverAuth, clientAuth
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = request.Create(_ca, notBefore ?? DateTimeOffset.UtcNow.AddHours(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1), serial);
        var path = Path.Combine(Folder, $"{name}.pfx");
        if (withKey)
        {
            using var withPrivateKey = signed.CopyWithPrivateKey(key);
            File.WriteAllBytes(path, withPrivateKey.Export(X509ContentType.Pkcs12, Password));
        }
        else File.WriteAllBytes(path, signed.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
