using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Hnn.Host.Hosting;

/// <summary>
/// TLS between the nodes of the cluster: every connection, in both directions, is TLS with
/// mutual authentication — each side presents its certificate and accepts the other's only if it
/// is trusted: signed by the lab's CA (<see cref="CaPath"/>), or, without a CA, the very same
/// certificate as this node's (one certificate shared by all nodes, pinned by its SHA-256 hash).
/// The system's trust store plays no part: a certificate from a public CA is not enough to join.
/// Host names are not checked (nodes are addressed by IP as often as by name); the CA, or the
/// shared certificate, is the identity.
/// </summary>
/// <param name="CertificatePath">PKCS#12 (.pfx / .p12) file with this node's certificate and its private key.</param>
/// <param name="CaPath">
/// Certificate of the CA that signs the nodes' certificates (PEM or DER, no private key needed);
/// null: peers must present this node's own certificate.
/// </param>
public sealed record ClusterTls(string CertificatePath, string? CaPath = null)
{
    /// <summary>Password of <see cref="CertificatePath"/>; null or empty: none. Never printed (not in <see cref="ToString"/>).</summary>
    public string? Password { get; init; }

    /// <summary>The record's text without the password.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"CertificatePath = {CertificatePath}, CaPath = {CaPath}, Password = {(string.IsNullOrEmpty(Password) ? "none" : "***")}");
        return true;
    }

    private const string ServerAuth = "1.3.6.1.5.5.7.3.1", ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>The node's certificate and the trust anchor, loaded and checked; throws an <see cref="ArgumentException"/> naming the bad file and what is allowed.</summary>
    internal Loaded Load()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
            throw new ArgumentException("the TLS certificate path is empty; allowed: a PKCS#12 (.pfx) file with the node's certificate and private key", "node");
        if (!File.Exists(CertificatePath))
            throw new ArgumentException($"TLS certificate '{CertificatePath}' does not exist; allowed: a PKCS#12 (.pfx) file with the node's certificate and private key", "node");
        if (ContentType(CertificatePath) is not X509ContentType.Pkcs12 and var kind)
            throw new ArgumentException($"TLS certificate '{CertificatePath}' is not a PKCS#12 file ({(kind is X509ContentType.Unknown ? "unknown content" : $"it holds {kind}")}); "
                + "allowed: a PKCS#12 (.pfx) file with the node's certificate and private key (openssl pkcs12 -export makes one from PEM files)", "node");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, string.IsNullOrEmpty(Password) ? null : Password);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException(string.IsNullOrEmpty(Password)
                ? $"TLS certificate '{CertificatePath}' cannot be opened without a password ({e.Message.TrimEnd('.')}); allowed: a PKCS#12 (.pfx) file, with its password given"
                : $"TLS certificate '{CertificatePath}' cannot be opened with the password given ({e.Message.TrimEnd('.')}); allowed: a PKCS#12 (.pfx) file and its password", "node");
        }
        if (!certificate.HasPrivateKey)
            throw new ArgumentException($"TLS certificate '{CertificatePath}' ({certificate.Subject}) has no private key; allowed: a PKCS#12 (.pfx) file holding the node's certificate and its private key", "node");
        CheckDates(certificate, $"TLS certificate '{CertificatePath}'");
        // Each node is a TLS server and a client; .NET does not offer a certificate as a client's without clientAuth.
        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } eku
            && !(eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ServerAuth) && eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuth)))
            throw new ArgumentException($"TLS certificate '{CertificatePath}' ({certificate.Subject}) is not for both TLS server and client use "
                + $"(extended key usage: {string.Join(", ", eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.FriendlyName ?? o.Value))}); "
                + "allowed: a certificate with extendedKeyUsage serverAuth and clientAuth, or without that extension", "node");
        X509Certificate2? ca = null;
        if (CaPath is not null)
        {
            ca = LoadCa(CaPath);
            CheckDates(ca, $"TLS CA '{CaPath}'");
            if (ChainError(certificate, ca) is { } error)
                throw new ArgumentException($"TLS certificate '{CertificatePath}' ({certificate.Subject}) is not signed by the CA '{CaPath}' ({ca.Subject}): {error}; allowed: a node certificate the CA signed", "node");
        }
        return new Loaded(certificate, ca);
    }

    private static X509ContentType ContentType(string path)
    {
        try
        {
            return X509Certificate2.GetCertContentType(path);
        }
        catch (CryptographicException)
        {
            return X509ContentType.Unknown;
        }
    }

    private static X509Certificate2 LoadCa(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            throw new ArgumentException($"TLS CA '{path}' does not exist; allowed: the CA's certificate file (PEM or DER)", "node");
        try
        {
            var text = File.ReadAllText(path);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"TLS CA '{path}' is not a certificate ({e.Message.TrimEnd('.')}); allowed: the CA's certificate file (PEM or DER)", "node");
        }
    }

    private static void CheckDates(X509Certificate2 certificate, string what)
    {
        var now = DateTime.Now;
        if (certificate.NotAfter < now)
            throw new ArgumentException($"{what} ({certificate.Subject}) expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; allowed: a certificate valid now (make a new one)", "node");
        if (certificate.NotBefore > now)
            throw new ArgumentException($"{what} ({certificate.Subject}) is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; allowed: a certificate valid now (check this machine's clock)", "node");
    }

    /// <summary>Why <paramref name="certificate"/> does not chain to <paramref name="ca"/> alone (the system's trust store ignored); null: it does.</summary>
    private static string? ChainError(X509Certificate2 certificate, X509Certificate2 ca, X509Chain? presented = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // A lab CA publishes no revocation list; the CA's own certificate is the trust decision.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        // Intermediates the peer sent along (none with a CA that signs the nodes directly).
        if (presented is not null)
            foreach (var element in presented.ChainElements)
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        if (chain.Build(certificate)) return null;
        var statuses = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return string.Join("; ", statuses) is { Length: > 0 } why ? why : "the chain does not end at the CA";
    }

    /// <summary>A loaded, checked node certificate and its trust anchor (null: pin the node's own certificate).</summary>
    internal sealed record Loaded(X509Certificate2 Certificate, X509Certificate2? Ca)
    {
        /// <summary>
        /// The check of a peer's certificate, on both sides of every connection (Akka calls it for
        /// the server's certificate on the client and for the client's on the server): signed by
        /// the CA, or the node's own certificate; anything else is refused and logged.
        /// </summary>
        public CertificateValidationCallback Validator()
        {
            var ca = Ca;
            var pinned = Certificate.GetCertHash(HashAlgorithmName.SHA256);
            var subject = Certificate.Subject;
            return (X509Certificate2? peer, X509Chain? chain, string remotePeer, SslPolicyErrors _, ILoggingAdapter log) =>
            {
                if (peer is null)
                {
                    log.Warning("TLS: refused {0}: it presented no certificate (every node needs one)", remotePeer);
                    return false;
                }
                var now = DateTime.Now;
                if (peer.NotAfter < now || peer.NotBefore > now)
                {
                    log.Warning("TLS: refused {0}: its certificate {1} is valid only {2:u} … {3:u}", remotePeer, peer.Subject, peer.NotBefore.ToUniversalTime(), peer.NotAfter.ToUniversalTime());
                    return false;
                }
                if (ca is not null)
                {
                    if (ChainError(peer, ca, chain) is not { } error) return true;
                    log.Warning("TLS: refused {0}: its certificate {1} is not signed by this cluster's CA {2}: {3}", remotePeer, peer.Subject, ca.Subject, error);
                    return false;
                }
                if (peer.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned)) return true;
                log.Warning("TLS: refused {0}: its certificate {1} is not this cluster's certificate {2} (no CA given: every node must present the same certificate)", remotePeer, peer.Subject, subject);
                return false;
            };
        }
    }
}
