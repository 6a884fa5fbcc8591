import { useEffect, useState } from 'react'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { distributionApi } from '../../../services/distribution'
import { useSession } from '../../../stores/session'

/**
 * Whether the member is an approved distributor, who may make share posters. Asked once per page
 * and signed-in member, and only of members with the distributor role; pending, rejected and
 * frozen distributors get no poster.
 */
export function useApprovedDistributor(): boolean {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const isDistributor = useSession((session) => session.member?.roles.includes('distributor') ?? false)
  const [approved, setApproved] = useState(false)

  useEffect(() => {
    setApproved(false)
    if (!signedIn || !isDistributor) return
    let current = true
    distributionApi.status().then(
      (view) => {
        if (current) setApproved(view.status === 'approved')
      },
      () => {
        // Without the answer there is no poster button; sharing the card still works.
      },
    )
    return () => {
      current = false
    }
  }, [signedIn, isDistributor, token])

  return approved
}
